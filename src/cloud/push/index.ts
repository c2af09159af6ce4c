// The PUSH (iclock) face of the cloud: the four endpoints on fastify, their answers, and bodies read as
// lines while they arrive. Reaches data only through ../domain/.

// What leaves this room, by name.
export { answerNow, handlePush, type PushContext } from './push-server.js';
export { pushRoutes } from './push-routes.js';
