export {
  type Addressee,
  type ConvocationOral,
  type NamedTest,
  type NotificationMessage,
  choiceReceiptMessage,
  convocationMessage,
  firstGroupPublishedMessage,
  secondGroupPublishedMessage,
  windowReminderMessage,
  calendarAmendedMessage,
  CALENDAR_CHANGE_LABELS,
} from './notification-messages.ts';
export { type PassedPublication, publicationsPassed } from './publications-passed.ts';
export {
  WINDOW_REMINDER_LEAD_MS,
  type WindowReminderSubject,
  isWindowReminderDue,
  windowReminderFrom,
} from './window-reminder.ts';
