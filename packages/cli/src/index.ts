export { run, EXIT } from './cli.js';
