import { redirect } from "next/navigation";

/** Topics are listed in the catalog. */
export default function TopicsIndex() {
  redirect("/catalog");
}
