import type { Rule } from '../rule.js';
import identifierToTracker from './identifier-to-tracker.js';
import interactionHistoryTracking from './interaction-history-tracking.js';
import privacyApiWithoutConsent from './privacy-api-without-consent.js';
import trackingCall from './tracking-call.js';

/** Tracking and consent rules. */
export const TRACKING_RULES: readonly Rule[] = [identifierToTracker, interactionHistoryTracking, privacyApiWithoutConsent, trackingCall];
