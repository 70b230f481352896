import { Badge } from '../../../platform/views/components/Badge.js';

/**
 * The French Impact banner: what a member of the movement shows on its profile and its directory card.
 * `label` comes from the catalogue of the page's language ('Membre du mouvement French Impact').
 */
export function MovementBanner(props: { label: string; size?: 'sm' | 'md'; as?: 'p' | 'span' }) {
  return <Badge label={props.label} color="blue-ecume" size={props.size ?? 'sm'} as={props.as ?? 'p'} />;
}
