"use client";
import { createContext } from "react";

/**
 * Whether this tab's live-events stream is connected (for indicators). Queries keep their 30 s polling as
 * the fallback either way; a push invalidates them sooner.
 */
export const LiveConnectedContext = createContext(false);
