import 'reflect-metadata';

import { CommanderError } from 'commander';

import { adminProgram } from './admin-cli';
import { Problem } from './common/http/problems';
import { ConfigError } from './config/app-config';

adminProgram()
  .parseAsync()
  .catch((error: unknown) => {
    // Commander has already printed its own usage errors and help.
    if (error instanceof CommanderError) process.exitCode = error.exitCode;
    else if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof Problem) console.error(`Erreur : ${error.detail ?? error.title}`);
    else console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof CommanderError)) process.exitCode = 1;
  });
