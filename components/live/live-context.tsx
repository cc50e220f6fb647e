"use client";
import { createContext, useContext } from "react";

/**
 * Whether this tab's live-events stream is connected. Queries that would otherwise poll use it to stop
 * polling while pushes arrive: `refetchInterval: useLiveConnected() ? false : 30_000`.
 */
export const LiveConnectedContext = createContext(false);
export const useLiveConnected = () => useContext(LiveConnectedContext);
