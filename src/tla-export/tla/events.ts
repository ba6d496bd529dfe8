/**
 * The key of a model event, as `lastEvent` holds it: wfverify's own `eventKey`
 * (`activityCompleted(lockFunds)`, `timerFired`, `signal(approve)`, `childStarted(payment)`).
 */
export { eventKey } from '../../extract/index.js';
