import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="centered-page">
      <div className="card narrow">
        <div className="card-body">
          <h1>Page not found</h1>
          <p className="muted">There is nothing at this address. It may have been renamed or deleted.</p>
          <p>
            <Link href="/services">Go to the service catalog</Link>
          </p>
        </div>
      </div>
    </main>
  );
}
