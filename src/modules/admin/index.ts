/** The administration module's public API. */
export { type AdminRoutesOptions, adminRoutes } from './admin.routes.js';
