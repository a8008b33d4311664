// Console pages of this area (issue 9): stub of the contract, built by the area's helper.
import type { AreaRegistrar } from '../console.ts';

export const registerCasePages: AreaRegistrar = () => {};
