import { redirect } from "next/navigation";

// The catalog is the home page.
export default function Home() {
  redirect("/services");
}
