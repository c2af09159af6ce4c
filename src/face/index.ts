// The clock's face room: the one picture of the face both views draw (frame-view), who can be simulated
// at the readers (roster), and the face in the browser — its routes for a fastify server and a server of
// its own for a clock whose cloud is elsewhere.
export {
  UNICODE_FACE_GLYPHS,
  beepIsFresh,
  faceRows,
  faceView,
  statusParts,
  statusText,
  type FaceGlyphs,
  type FaceView,
  type IconPart,
  type StatusParts,
} from './frame-view.js';
export {
  enrolledFingers,
  fingersOf,
  knownCards,
  people,
  personLabel,
  punchLine,
  recentPunches,
  unenrolledFingers,
  type CardChoice,
  type FingerChoice,
  type PersonChoice,
} from './roster.js';
export { applyPress, readPress, type FaceCloud, type FaceSource, type Press } from './hands.js';
export { faceRoutes, type FaceAccess, type FaceRouteOptions, type Visitor } from './routes.js';
export { FACE_PATH, FACE_PORT, portalFace, startFaceServer, type FaceServer } from './mount.js';
