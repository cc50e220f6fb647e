// Entry for scripts/srecp.mjs: runs the command line and exits with its code.
import path from "node:path";
import { main } from "./main";

main(process.argv.slice(2), path.resolve(__dirname, "..")).then((code) => process.exit(code));
