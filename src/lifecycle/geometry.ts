/**
 * Sizes the view's layout code and its stylesheet share, in px (no CSS import here, so that
 * the pure modules — layout.ts, markers.ts — load in Node as they are).
 */

/** height of a timeline lane */
export const ROW_H = 22;
/** height of the timeline's ruler */
export const RULER_H = 30;
/** width of the lane names */
export const NAME_W = 132;
/** markers take one of twelve hues, so that neighbouring tasks differ */
export const HUES = 12;
