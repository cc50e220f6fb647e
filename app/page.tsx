import { redirect } from "next/navigation";

// Home (what needs attention in my teams) is the landing page.
export default function Root() {
  redirect("/home");
}
