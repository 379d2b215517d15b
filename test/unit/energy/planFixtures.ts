// Shared by the heating plan's tests.

/** Loadings on the second day from three tanks that can meet them (TK-103 needs heating). */
export const DAY_TWO = {
  schemaVersion: 1,
  name: 'day two',
  loadings: [
    { bay: 'BAY-1', arm: 'LA-1A', tank: 'TK-101', at: 26, trucksPerHour: 2, until: 32 },
    { bay: 'BAY-1', arm: 'LA-1B', tank: 'TK-103', at: 30, trucksPerHour: 1, until: 34 },
    { bay: 'BAY-2', arm: 'LA-2A', tank: 'TK-108', at: 28, trucksPerHour: 1, until: 34 },
  ],
};
