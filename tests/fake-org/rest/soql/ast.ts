/** The syntax tree of the SOQL subset. Positions are offsets in the query text, for error messages. */

export interface FieldRef {
  /** `Owner.Name` → ['Owner', 'Name']. */
  path: string[];
  text: string;
  position: number;
}

export type AggregateFunction = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

export type SelectItem =
  | { kind: 'field'; field: FieldRef }
  /** `COUNT()` has no field. */
  | { kind: 'aggregate'; fn: AggregateFunction; field?: FieldRef; alias?: string; position: number }
  | { kind: 'subquery'; query: Query; position: number };

export type Literal =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; value: number; text: string; position: number }
  | { kind: 'boolean'; value: boolean; position: number }
  | { kind: 'null'; position: number }
  | { kind: 'date'; value: string; position: number }
  | { kind: 'datetime'; value: number; text: string; position: number }
  /** TODAY, THIS_WEEK, LAST_N_DAYS:7, … */
  | { kind: 'dateLiteral'; name: string; n?: number; text: string; position: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and'; items: Condition[] }
  | { kind: 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: FieldRef; operator: ComparisonOperator; value: Literal }
  | { kind: 'like'; field: FieldRef; pattern: Literal }
  | { kind: 'in'; field: FieldRef; negated: boolean; values: Literal[]; position: number }
  /** Semi-join: `Field IN (SELECT Id FROM …)`. */
  | { kind: 'inQuery'; field: FieldRef; negated: boolean; query: Query; position: number };

export type OrderKey =
  | { kind: 'field'; field: FieldRef }
  | { kind: 'aggregate'; fn: AggregateFunction; field?: FieldRef; position: number };

export interface OrderItem {
  key: OrderKey;
  descending: boolean;
  /** Default: nulls first ascending, last descending. */
  nullsFirst: boolean;
}

export interface Query {
  select: SelectItem[];
  from: { name: string; position: number };
  where?: Condition;
  groupBy?: FieldRef[];
  orderBy?: OrderItem[];
  limit?: number;
  offset?: number;
  /** Offset of SELECT, so subqueries can be located. */
  position: number;
}
