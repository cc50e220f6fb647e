"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/tokens/copy-button";
import { errorMessage } from "@/lib/query/api";
import { useApiAction } from "./use-action";

/**
 * Creates a secret iCal feed (of a schedule, or of the signed-in person) and shows its URL once, for
 * Google Calendar ("From URL") or Outlook ("Subscribe from web").
 */
export function FeedButton({ path, label }: { path: string; label: string }) {
  const action = useApiAction<{ url: string }>("POST", path);
  return (
    <div className="stack oc-feed">
      <div>
        <Button size="sm" pending={action.isPending} onClick={() => action.mutate({})}>
          {label}
        </Button>
      </div>
      {action.error ? <Alert tone="danger">{errorMessage(action.error)}</Alert> : null}
      {action.data ? (
        <Alert tone="success" title="Calendar feed created">
          <p>Subscribe to this secret URL in your calendar app. It is shown only once; revoke it if it leaks.</p>
          <div className="secret-box">
            <code aria-label="Calendar feed URL">{action.data.url}</code>
            <CopyButton text={action.data.url} />
          </div>
        </Alert>
      ) : null}
    </div>
  );
}
