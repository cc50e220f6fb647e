// What Slack incoming webhooks and Microsoft Teams Workflows webhooks accept, as checks that return
// the provider's error (Slack's error string, a Teams-style message) or null when the body is valid.
// Limits are Block Kit's and Adaptive Cards' published ones; the stand-ins (chat-standins.ts) answer
// 400 with the returned text, as the providers do.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown, min: number, max: number) => typeof v === "string" && v.length >= min && v.length <= max;
const httpUrl = (v: unknown, max = 3000) => {
  if (!str(v, 1, max)) return false;
  try {
    return ["http:", "https:"].includes(new URL(v as string).protocol);
  } catch {
    return false;
  }
};

// ---- Slack Block Kit --------------------------------------------------------------------------

/** A composition text object: plain_text or mrkdwn, `max` characters at most. */
function textObject(v: unknown, max: number, plainOnly = false): string | null {
  if (!isObj(v)) return "text object missing";
  if (v.type !== "plain_text" && (plainOnly || v.type !== "mrkdwn"))
    return `text type must be ${plainOnly ? "plain_text" : "plain_text or mrkdwn"}`;
  if (!str(v.text, 1, max)) return `text must be 1-${max} characters`;
  if (v.emoji !== undefined && (v.type !== "plain_text" || typeof v.emoji !== "boolean"))
    return "emoji is for plain_text only";
  return null;
}

function element(e: unknown, actionIds: Set<string>): string | null {
  if (!isObj(e) || e.type !== "button") return "only buttons are checked here";
  const t = textObject(e.text, 75, true);
  if (t) return `button ${t}`;
  if (e.url !== undefined && !httpUrl(e.url)) return "button url must be an http(s) URL of at most 3000 characters";
  if (e.action_id !== undefined) {
    if (!str(e.action_id, 1, 255) || actionIds.has(e.action_id as string))
      return "action_id must be unique, at most 255 characters";
    actionIds.add(e.action_id as string);
  }
  if (e.style !== undefined && e.style !== "primary" && e.style !== "danger")
    return "button style must be primary or danger";
  return null;
}

function block(b: unknown, blockIds: Set<string>, actionIds: Set<string>): string | null {
  if (!isObj(b)) return "block must be an object";
  if (b.block_id !== undefined) {
    if (!str(b.block_id, 1, 255) || blockIds.has(b.block_id as string))
      return "block_id must be unique, at most 255 characters";
    blockIds.add(b.block_id as string);
  }
  switch (b.type) {
    case "header":
      return textObject(b.text, 150, true);
    case "section": {
      if (b.text === undefined && b.fields === undefined) return "section needs text or fields";
      if (b.text !== undefined) {
        const p = textObject(b.text, 3000);
        if (p) return p;
      }
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length < 1 || b.fields.length > 10)
          return "section fields: 1-10 items";
        for (const f of b.fields) {
          const p = textObject(f, 2000);
          if (p) return `field ${p}`;
        }
      }
      return null;
    }
    case "actions": {
      if (!Array.isArray(b.elements) || b.elements.length < 1 || b.elements.length > 25)
        return "actions elements: 1-25 items";
      for (const e of b.elements) {
        const p = element(e, actionIds);
        if (p) return p;
      }
      return null;
    }
    case "context":
      if (!Array.isArray(b.elements) || b.elements.length < 1 || b.elements.length > 10)
        return "context elements: 1-10 items";
      for (const e of b.elements) {
        const p = textObject(e, 3000);
        if (p) return p;
      }
      return null;
    case "divider":
      return null;
    default:
      return `unknown block type ${String(b.type)}`;
  }
}

/** Slack's answer to an incoming-webhook body: null (200 "ok") or the 400 error string. */
export function slackPayloadProblem(raw: string, contentType?: string): string | null {
  if (!contentType?.startsWith("application/json")) return "invalid_payload";
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return "invalid_payload";
  }
  if (!isObj(body)) return "invalid_payload";
  const hasText = typeof body.text === "string" && body.text.trim() !== "";
  if (!hasText && body.blocks === undefined && body.attachments === undefined) return "no_text";
  if (body.text !== undefined && !str(body.text, 0, 40_000)) return "invalid_payload";
  if (body.blocks !== undefined) {
    if (!Array.isArray(body.blocks) || body.blocks.length < 1 || body.blocks.length > 50) return "invalid_blocks";
    const blockIds = new Set<string>();
    const actionIds = new Set<string>();
    for (const b of body.blocks) if (block(b, blockIds, actionIds)) return "invalid_blocks";
  }
  return null;
}

/** The first Block Kit problem in words (for a test's failure message), or null. */
export function slackBlocksProblem(blocks: unknown[]): string | null {
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    const p = block(b, blockIds, actionIds);
    if (p) return `block ${i}: ${p}`;
  }
  return null;
}

// ---- Microsoft Teams (Workflows webhook, Adaptive Card) ------------------------------------------

const CARD_TYPE = "application/vnd.microsoft.card.adaptive";
/** Teams renders Adaptive Cards up to 1.5; a message is at most about 28 KB. */
const MAX_BYTES = 28 * 1024;

function cardElement(e: unknown): string | null {
  if (!isObj(e)) return "body element must be an object";
  switch (e.type) {
    case "TextBlock":
      return typeof e.text === "string" && e.text !== "" ? null : "TextBlock.text is required";
    case "FactSet":
      return Array.isArray(e.facts) &&
        e.facts.length > 0 &&
        e.facts.every((f) => isObj(f) && typeof f.title === "string" && typeof f.value === "string")
        ? null
        : "FactSet.facts: [{title, value}] strings";
    case "Container":
      return Array.isArray(e.items) ? (e.items.map(cardElement).find(Boolean) ?? null) : "Container.items is required";
    case "ActionSet":
      return Array.isArray(e.actions)
        ? (e.actions.map(cardAction).find(Boolean) ?? null)
        : "ActionSet.actions is required";
    default:
      return `unsupported element type ${String(e.type)}`;
  }
}

function cardAction(a: unknown): string | null {
  if (!isObj(a)) return "action must be an object";
  // Action.Submit / Execute need a bot behind the card; a webhook's card can only open links.
  if (a.type !== "Action.OpenUrl") return `action type ${String(a.type)} is not supported in webhook cards`;
  // 2048: the de-facto URL limit of browsers and link handlers; a longer one would not open anyway.
  if (!httpUrl(a.url, 2048)) return "Action.OpenUrl.url must be an absolute http(s) URL of at most 2048 characters";
  return typeof a.title === "string" && a.title !== "" ? null : "Action.OpenUrl.title is required";
}

/** A Teams Workflows webhook's answer: null (202 Accepted) or the 400 message. */
export function teamsPayloadProblem(raw: string, contentType?: string): string | null {
  if (!contentType?.startsWith("application/json")) return "The request content type must be application/json.";
  if (Buffer.byteLength(raw) > MAX_BYTES) return "The message is larger than 28 KB.";
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return "The request body is not valid JSON.";
  }
  if (!isObj(body) || !Array.isArray(body.attachments) || body.attachments.length === 0)
    return "attachments: an array of at least one card is required.";
  if (body.type !== undefined && body.type !== "message") return 'type must be "message".';
  for (const att of body.attachments) {
    if (!isObj(att) || att.contentType !== CARD_TYPE) return `attachments[].contentType must be ${CARD_TYPE}.`;
    const card = att.content;
    if (!isObj(card) || card.type !== "AdaptiveCard") return "attachments[].content.type must be AdaptiveCard.";
    if (typeof card.version !== "string" || !/^1\.[0-5]$/.test(card.version))
      return "AdaptiveCard.version must be 1.0-1.5.";
    if (!Array.isArray(card.body) || card.body.length === 0) return "AdaptiveCard.body must have at least one element.";
    const p =
      card.body.map(cardElement).find(Boolean) ??
      (Array.isArray(card.actions)
        ? card.actions.map(cardAction).find(Boolean)
        : card.actions === undefined
          ? null
          : "AdaptiveCard.actions must be an array");
    if (p) return p;
  }
  return null;
}
