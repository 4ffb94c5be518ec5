import type { OutgoingMail } from '../mail/mail-transport';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const dateFormat = new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'America/Toronto' });

export function invitationMail(input: {
  to: string;
  link: string;
  inviterName: string;
  organizationName: string;
  expiresAt: Date;
}): OutgoingMail {
  const until = dateFormat.format(input.expiresAt);
  const text = [
    'Bonjour,',
    '',
    `${input.inviterName} vous invite à rejoindre Maillage, l’espace de réseautage en développement social du Bas-Saint-Laurent, au titre de : ${input.organizationName}.`,
    '',
    'Pour créer votre compte, ouvrez ce lien et choisissez votre mot de passe :',
    input.link,
    '',
    `Ce lien ne sert qu’une fois et expire le ${until}.`,
    '',
    'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
  ].join('\n');
  const html = `<!doctype html><html lang="fr-CA"><body style="font-family:sans-serif;line-height:1.5">
<p>Bonjour,</p>
<p>${escapeHtml(input.inviterName)} vous invite à rejoindre <strong>Maillage</strong>, l’espace de réseautage en développement social du Bas-Saint-Laurent, au titre de : ${escapeHtml(input.organizationName)}.</p>
<p><a href="${escapeHtml(input.link)}">Créer mon compte</a></p>
<p>Ce lien ne sert qu’une fois et expire le ${escapeHtml(until)}.</p>
<p>Si vous ne vous attendiez pas à cette invitation, ignorez ce message.</p>
</body></html>`;
  return { to: input.to, subject: 'Invitation à rejoindre Maillage', text, html };
}
