// Prints the readiness scorecard (as the system actor, i.e. every team) of the database in DATABASE_URL
// as JSON on stdout. Run through tsx by tests/integration/readiness-demo.test.ts against a database of its
// own, so the demo's fixed slugs never meet other test files' rows.
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { readinessScorecard } from "@/lib/services/readiness/scorecard";

readinessScorecard(SYSTEM_ACTOR, {}).then(
  (scorecard) => {
    process.stdout.write(JSON.stringify({ scorecard }));
    process.exit(0);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
