// phone/: simulated phones and chats, flow sessions on them, and the HTTP API that drives them.
export { registerPhoneRoutes } from './routes.js';
export { createPhone, getPhone, chatMessages, PhoneError } from './chat.js';
export type { ChatMessage, UserPhone } from './chat.js';
export { flowCtaOf } from './flow-message.js';
export type { CtaResult, FlowCta } from './flow-message.js';
export { openFlowMessage, getSession, findSession, sessionView, act, endpointOf, liveSessionCount, setSessionLimits } from './sessions.js';
export type { SessionAction, SessionChangedEvent, SessionRef, StoredSession } from './sessions.js';
export { DEFAULT_SESSION_LIMITS } from './registry.js';
export type { SessionLimits } from './registry.js';
export { startPhoneReceiver, advanceStatus, receivedInfo } from './receiver.js';
export { eventStream } from './stream.js';
export { pickFiles } from './pick.js';
export type { PickFile, PickOptions, PickOutcome } from './pick.js';
