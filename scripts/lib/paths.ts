// Well-known absolute paths of the repository, independent of the current directory.
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (this file is scripts/lib/paths.ts). */
export const REPO_ROOT: string = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
