/** A session's absolute lifetime unless RATTRAPAGE_SESSION_HOURS says otherwise. */
export const DEFAULT_SESSION_HOURS = 12;

/** How long a session may go unused unless RATTRAPAGE_SESSION_IDLE_MINUTES says otherwise. */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;
