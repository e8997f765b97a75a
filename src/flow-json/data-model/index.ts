export type { ArrayShape, BooleanShape, DataShape, NumberShape, ObjectShape, StringShape } from './shape.js';
export { parseDataModel } from './parse.js';
export type { DataModelOptions, DataModelProblem, DataModelResult } from './parse.js';
export { checkValue, describeShape, describeValue } from './check.js';
export type { CheckOptions, Mismatch } from './check.js';
export { exampleOf } from './example.js';
export { shapeToExprType } from './to-expr-type.js';
