import "server-only";
import type { Channel, ChannelKind } from "../types";
import { emailChannel } from "./email";
import { slackChannel } from "./slack";
import { teamsChannel } from "./teams";
import { webhookChannel } from "./webhook";

// The channel registry: adding SMS or voice is one file plus one line here and its kind in CHANNEL_KINDS.
export const CHANNELS: Record<ChannelKind, Channel> = {
  email: emailChannel,
  slack: slackChannel,
  teams: teamsChannel,
  webhook: webhookChannel,
};
