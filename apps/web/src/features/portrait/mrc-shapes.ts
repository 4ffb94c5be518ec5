/**
 * A schematic map of the Bas-Saint-Laurent drawn for Maillage (no tiles, no outside data): the eight MRC along the
 * St. Lawrence from Kamouraska in the south-west to La Matanie in the north-east, Témiscouata and La Matapédia
 * inland. Shapes keep each MRC's neighbours and rough place, not its true outline. viewBox 0 0 800 460.
 */
type Point = readonly [number, number];

const shore = {
  kamouraska: [20, 330],
  riviereDuLoup: [130, 285],
  basques: [235, 245],
  rimouski: [330, 205],
  mitis: [440, 160],
  matanie: [545, 120],
  east: [780, 40],
} as const satisfies Record<string, Point>;

const inland = {
  southWest: [30, 420],
  kamouraskaSouth: [150, 440],
  kamouraskaTemiscouata: [200, 345],
  basquesTemiscouata: [280, 320],
  rimouskiTemiscouata: [365, 300],
  rimouskiMatapedia: [450, 360],
  temiscouataSouth: [380, 450],
  mitisMatapedia: [500, 255],
  matanieMatapedia: [600, 215],
  matanieEast: [790, 160],
  matapediaEast: [760, 300],
  matapediaSouth: [560, 410],
} as const satisfies Record<string, Point>;

export interface MrcShape {
  code: string;
  /** The name on the map, one line per item. */
  label: readonly string[];
  points: readonly Point[];
}

export const MRC_SHAPES: readonly MrcShape[] = [
  {
    code: '14',
    label: ['Kamouraska'],
    points: [
      shore.kamouraska,
      shore.riviereDuLoup,
      inland.kamouraskaTemiscouata,
      inland.kamouraskaSouth,
      inland.southWest,
    ],
  },
  {
    code: '12',
    label: ['Rivière-', 'du-Loup'],
    points: [shore.riviereDuLoup, shore.basques, inland.basquesTemiscouata, inland.kamouraskaTemiscouata],
  },
  {
    code: '11',
    label: ['Les', 'Basques'],
    points: [shore.basques, shore.rimouski, inland.rimouskiTemiscouata, inland.basquesTemiscouata],
  },
  {
    code: '13',
    label: ['Témiscouata'],
    points: [
      inland.kamouraskaTemiscouata,
      inland.basquesTemiscouata,
      inland.rimouskiTemiscouata,
      inland.rimouskiMatapedia,
      inland.temiscouataSouth,
      inland.kamouraskaSouth,
    ],
  },
  {
    code: '10',
    label: ['Rimouski-', 'Neigette'],
    points: [shore.rimouski, shore.mitis, inland.mitisMatapedia, inland.rimouskiMatapedia, inland.rimouskiTemiscouata],
  },
  {
    code: '09',
    label: ['La Mitis'],
    points: [shore.mitis, shore.matanie, inland.matanieMatapedia, inland.mitisMatapedia],
  },
  {
    code: '08',
    label: ['La Matanie'],
    points: [shore.matanie, shore.east, inland.matanieEast, inland.matanieMatapedia],
  },
  {
    code: '07',
    label: ['La Matapédia'],
    points: [
      inland.mitisMatapedia,
      inland.matanieMatapedia,
      inland.matanieEast,
      inland.matapediaEast,
      inland.matapediaSouth,
      inland.rimouskiMatapedia,
    ],
  },
];

/** The water north of the shore, drawn behind the MRC. */
export const RIVER: readonly Point[] = [[0, 0], [800, 0], [800, 30], ...Object.values(shore).reverse(), [0, 335]];

export const pathOf = (points: readonly Point[]) => `M${points.map(([x, y]) => `${x},${y}`).join('L')}Z`;

/** Where a shape's label goes: the mean of its corners, which lies inside these convex-ish shapes. */
export const labelPointOf = (points: readonly Point[]): Point => [
  points.reduce((sum, [x]) => sum + x, 0) / points.length,
  points.reduce((sum, [, y]) => sum + y, 0) / points.length,
];
