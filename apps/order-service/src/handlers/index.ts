export { applyParticipantEvent } from './apply-participant-event';
