import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";

/** What a page shows when the service layer said FORBIDDEN: explain, don't crash. */
export function Forbidden({ title = "Not allowed", message }: { title?: string; message: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Alert tone="warning" title="You do not have access to this page">
        <p>{message}</p>
        <p className="muted">Ask an administrator if you think you should have access.</p>
      </Alert>
    </>
  );
}
