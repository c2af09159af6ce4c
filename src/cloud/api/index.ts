// The JSON API's routes, by subject, as api.ts's route table takes them.
export { employeeLifeApi } from './employee-life-routes.js';
