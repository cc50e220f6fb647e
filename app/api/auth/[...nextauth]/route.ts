import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// NextAuth's own endpoints: sign-in, callback, session, csrf, providers.
const handler = NextAuth(authOptions());
export { handler as GET, handler as POST };
