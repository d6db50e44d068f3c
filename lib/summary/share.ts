/**
 * What a webhook receives for a week's summary: Slack-compatible JSON (`text`, shown by Slack and most chat
 * tools), plus the figures themselves for tools that read them. Pure.
 */
import type { WeeklySummary } from '../attribution/summary-types';
import { notificationMessage } from './notifier';

export function webhookPayloadOf(summary: WeeklySummary): { text: string; weekKey: string; figures: WeeklySummary['figures']; byPartner: WeeklySummary['byPartner'] } {
  return {
    text: `Partner attribution, week of ${summary.week.key}\n${notificationMessage(summary)}`,
    weekKey: summary.week.key,
    figures: summary.figures,
    byPartner: summary.byPartner,
  };
}
