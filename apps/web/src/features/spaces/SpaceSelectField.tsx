import { useTranslation } from 'react-i18next';

import { useSpaces } from '../../api/use-network';
import { SelectField } from '../../app/ui';

/** The space something is published in: one of the spaces I may see (the access policy decides who sees it). */
export function SpaceSelectField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (spaceId: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const spaces = useSpaces();
  return (
    <SelectField
      label={t('library.field.space')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      required
    >
      <option value="" disabled>
        —
      </option>
      {spaces.data?.items.map((space) => (
        <option key={space.id} value={space.id}>
          {space.name}
        </option>
      ))}
    </SelectField>
  );
}
