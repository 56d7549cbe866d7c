export { announcingChanges, applyParticipantEvent } from './apply-participant-event';
