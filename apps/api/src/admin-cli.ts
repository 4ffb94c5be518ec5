import type { SearchType } from '@maillage/contracts';
import { Password } from '@maillage/contracts';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';

import { CliModule } from './cli.module';
import { Problem } from './common/http/problems';
import { createLogger } from './common/logger';
import { AppConfig } from './config/app-config';
import { migrateDatabase } from './database/data-source';
import { IdentityService } from './identity/identity.service';
import { ResourceImport } from './library/resource-import';
import { PortraitRefresher } from './portrait/portrait-refresher';
import { EmbeddedServices } from './runtime/embedded-services';
import { SEARCH_TYPE_LABELS } from './search/search-document';
import { type RebuildProgress, SearchIndexer } from './search/search-indexer';
import { SeedService } from './seed/seed.service';

const parseWith =
  <T>(schema: z.ZodType<T>) =>
  (value: string): T => {
    const result = schema.safeParse(value);
    if (!result.success) throw new InvalidArgumentError(result.error.issues[0]?.message ?? 'invalide');
    return result.data;
  };
const email = parseWith(z.email().transform((value) => value.toLowerCase()));
const name = parseWith(z.string().trim().min(2).max(80));
const password = parseWith(Password);

/**
 * Runs `work` in an application context of `modules`, on the configured services or the embedded ones: those of the
 * running platform when it runs, else started for the command. Seeds the regional structure first, as a start does.
 */
async function withContext<T>(
  modules: 'identity' | 'search' | 'library',
  work: (context: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const needsSearch = modules !== 'identity';
  const config = AppConfig.fromEnvironment();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const embedded = new EmbeddedServices(logger);
  try {
    const running = needsSearch ? await embedded.startDatabaseAndSearch(config) : await embedded.startDatabase(config);
    await migrateDatabase(running.databaseUrl!, logger);
    const module =
      modules === 'library'
        ? CliModule.withLibrary(running, logger)
        : modules === 'search'
          ? CliModule.withSearch(running, logger)
          : CliModule.forRoot(running, logger);
    const context = await NestFactory.createApplicationContext(module, { logger: false });
    try {
      await context.get(SeedService).seedRegionalStructure();
      return await work(context);
    } finally {
      await context.close();
    }
  } finally {
    await embedded.stop();
  }
}

const withIdentity = <T>(work: (identity: IdentityService) => Promise<T>): Promise<T> =>
  withContext('identity', (context) => work(context.get(IdentityService)));

/** A progress bar per document type on a terminal; a line per type otherwise (logs, tests). */
function rebuildProgress(output: (line: string) => void, interactive: boolean) {
  let bar: SingleBar | undefined;
  let current: SearchType | undefined;
  const finish = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    update({ type, done, total }: RebuildProgress) {
      if (type !== current) {
        finish();
        current = type;
        if (interactive) {
          bar = new SingleBar(
            { format: `${SEARCH_TYPE_LABELS[type].padEnd(10)} [{bar}] {value}/{total}` },
            Presets.shades_classic,
          );
          bar.start(total, done);
        }
      }
      bar?.update(done);
      if (!interactive && done === total) output(`${SEARCH_TYPE_LABELS[type]} : ${done}/${total}`);
    },
    finish,
  };
}

/**
 * The administration tool's commands; `output` receives what they print (the console when run as a program). Errors,
 * argument errors included, are thrown rather than ending the process, so that the caller decides.
 */
export function adminProgram(output: (line: string) => void = console.log, quiet = false): Command {
  const program = new Command('admin')
    .description('Outil d’administration de Maillage. Fonctionne que la plateforme soit démarrée ou non.')
    .showHelpAfterError()
    .exitOverride();
  if (quiet) program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });

  program
    .command('create-admin')
    .description('Crée un compte administrateur (rattaché au CRD).')
    .requiredOption('--email <email>', 'adresse courriel', email)
    .requiredOption('--name <name>', 'nom affiché', name)
    .option(
      '--password <password>',
      'mot de passe (10 caractères ou plus); un mot de passe à usage unique est généré sinon',
      password,
    )
    .action(async (options: { email: string; name: string; password?: string }) => {
      const created = await withIdentity((identity) =>
        identity.createAdmin(options.email, options.name, options.password),
      );
      output(`Administrateur créé : ${created.user.displayName} <${created.user.email}>`);
      if (created.generated)
        output(`Mot de passe à usage unique : ${created.password}\nChangez-le à la première connexion.`);
    });

  program
    .command('reset-password')
    .description('Remplace le mot de passe d’un compte et ferme toutes ses sessions.')
    .requiredOption('--email <email>', 'adresse courriel du compte', email)
    .option('--password <password>', 'nouveau mot de passe; un mot de passe à usage unique est généré sinon', password)
    .action(async (options: { email: string; password?: string }) => {
      const reset = await withIdentity((identity) => identity.resetPassword(options.email, options.password));
      output(`Mot de passe remplacé pour ${reset.user.email}; ses sessions sont fermées.`);
      if (!options.password) output(`Mot de passe à usage unique : ${reset.password}`);
    });

  program
    .command('deactivate')
    .description('Désactive un compte et ferme toutes ses sessions (son contenu reste).')
    .requiredOption('--email <email>', 'adresse courriel du compte', email)
    .action(async (options: { email: string }) => {
      await withIdentity(async (identity) => {
        const user = await identity.findByEmail(options.email);
        if (!user) throw new Problem(404, 'not-found', 'Introuvable', `Aucun compte pour ${options.email}.`);
        await identity.setStatus(user.id, 'deactivated', {
          action: 'member.deactivated',
          actorId: null,
          target: `${user.displayName} <${user.email}>`,
          details: { by: 'outil d’administration' },
        });
      });
      output(`Compte désactivé : ${options.email}; ses sessions sont fermées.`);
    });

  program
    .command('reindex')
    .description(
      'Reconstruit l’index de recherche depuis la base de données, sans interrompre la recherche (index construit à part, puis échangé).',
    )
    .action(async () => {
      const progress = rebuildProgress(output, !quiet && process.stdout.isTTY === true);
      const written = await withContext('search', (context) =>
        context.get(SearchIndexer).rebuild((step) => progress.update(step)),
      ).finally(() => progress.finish());
      output(`Index de recherche reconstruit : ${written} documents.`);
    });

  program
    .command('refresh-portrait')
    .description(
      'Recalcule maintenant les chiffres du portrait du réseau (sinon recalculés selon PORTRAIT_REFRESH_MINUTES).',
    )
    .action(async () => {
      const started = Date.now();
      await withContext('identity', (context) => context.get(PortraitRefresher).refresh());
      output(`Portrait du réseau recalculé en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    });

  program
    .command('import-resources')
    .description(
      'Importe des documents existants dans la bibliothèque depuis un dossier et sa feuille metadata.csv ou metadata.json.',
    )
    .argument('<dir>', 'dossier des documents')
    .option('--author <email>', 'auteur des lignes qui n’en nomment pas', email)
    .action(async (dir: string, options: { author?: string }) => {
      const interactive = !quiet && process.stdout.isTTY === true;
      const bar = interactive
        ? new SingleBar({ format: 'Import [{bar}] {value}/{total}' }, Presets.shades_classic)
        : null;
      const report = await withContext('library', (context) =>
        context.get(ResourceImport).run(dir, options.author, (done, total) => {
          if (!bar) return;
          if (done === 0) bar.start(total, 0);
          else bar.update(done);
        }),
      ).finally(() => bar?.stop());
      output(
        `Importées : ${report.imported} ressources (dont ${report.duplicates} déjà présentes), ${report.failures.length} échec(s).`,
      );
      for (const failure of report.failures) output(`  ligne ${failure.row} : ${failure.reason}`);
    });

  return program;
}
