// The JSON API face of the cloud: routes, schemas, paging, the views of records. Reaches data only
// through ../domain/.

// What leaves this room, by name.
export { type ApiContext, apiRoutes } from './api.js';
export { commandView, commandLine } from './api-views.js';
export { employeeLifeApi } from './employee-life-routes.js';
