/**
 * A recursive-descent parser for the SOQL subset:
 *
 *   query      := SELECT selectItem (',' selectItem)* FROM ident [WHERE condition] [GROUP BY field (',' field)*]
 *                 [ORDER BY orderItem (',' orderItem)*] [LIMIT number] [OFFSET number]
 *   selectItem := field | aggregate [alias] | '(' query ')'            -- a child-relationship subquery
 *   condition  := term ((AND term)* | (OR term)*)                     -- mixing AND and OR needs parentheses
 *   term       := NOT term | '(' condition ')' | field op value | field [NOT] LIKE string
 *               | field [NOT] IN '(' value (',' value)* ')' | field [NOT] IN '(' query ')'
 *
 * Errors are thrown as SoqlSyntaxError with the offset of the unexpected token; the query module turns them
 * into MALFORMED_QUERY with Salesforce's "ERROR at Row:1:Column:n" header.
 */
import type {
  AggregateFunction,
  ComparisonOperator,
  Condition,
  FieldRef,
  Literal,
  OrderItem,
  Query,
  SelectItem,
} from './ast';
import { SoqlSyntaxError, tokenize, type Token } from './lexer';
import { parseDateTime } from '../values';

const AGGREGATES = new Set<AggregateFunction>(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** Words that end a field list or expression; they cannot be aliases. */
const RESERVED = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'INCLUDES',
  'EXCLUDES',
  'GROUP',
  'BY',
  'ORDER',
  'HAVING',
  'LIMIT',
  'OFFSET',
  'ASC',
  'DESC',
  'NULLS',
  'FIRST',
  'LAST',
  'NULL',
  'TRUE',
  'FALSE',
  'WITH',
  'FOR',
  'USING',
  'TYPEOF',
  'END',
  'ROLLUP',
  'CUBE',
]);

/** Relative date literals without a number. */
export const DATE_LITERALS = new Set([
  'YESTERDAY',
  'TODAY',
  'TOMORROW',
  'LAST_WEEK',
  'THIS_WEEK',
  'NEXT_WEEK',
  'LAST_MONTH',
  'THIS_MONTH',
  'NEXT_MONTH',
  'LAST_QUARTER',
  'THIS_QUARTER',
  'NEXT_QUARTER',
  'LAST_90_DAYS',
  'NEXT_90_DAYS',
  'LAST_YEAR',
  'THIS_YEAR',
  'NEXT_YEAR',
]);

/** Relative date literals taking `:n`. */
export const DATE_LITERALS_N = new Set([
  'LAST_N_DAYS',
  'NEXT_N_DAYS',
  'N_DAYS_AGO',
  'LAST_N_WEEKS',
  'NEXT_N_WEEKS',
  'LAST_N_MONTHS',
  'NEXT_N_MONTHS',
  'LAST_N_QUARTERS',
  'NEXT_N_QUARTERS',
]);

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private unexpected(token: Token = this.peek()): SoqlSyntaxError {
    return new SoqlSyntaxError(`unexpected token: '${token.text}'`, token.start);
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.index++;
    return true;
  }

  private expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.unexpected();
    return this.next();
  }

  private isPunct(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'punct' && token.text === text;
  }

  private expectPunct(text: string): Token {
    if (!this.isPunct(text)) throw this.unexpected();
    return this.next();
  }

  parseTopLevel(): Query {
    const query = this.parseQuery();
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return query;
  }

  parseQuery(): Query {
    const selectToken = this.expectKeyword('SELECT');
    const select: SelectItem[] = [this.parseSelectItem()];
    while (this.isPunct(',')) {
      this.next();
      select.push(this.parseSelectItem());
    }
    this.expectKeyword('FROM');
    const fromToken = this.next();
    if (fromToken.kind !== 'ident' || fromToken.text.includes('.') || RESERVED.has(fromToken.text.toUpperCase()))
      throw this.unexpected(fromToken);
    const query: Query = {
      select,
      from: { name: fromToken.text, position: fromToken.start },
      position: selectToken.start,
    };

    if (this.acceptKeyword('WHERE')) query.where = this.parseCondition();
    if (this.isKeyword('GROUP')) {
      this.next();
      this.expectKeyword('BY');
      query.groupBy = [this.parseField()];
      while (this.isPunct(',')) {
        this.next();
        query.groupBy.push(this.parseField());
      }
    }
    if (this.isKeyword('ORDER')) {
      this.next();
      this.expectKeyword('BY');
      query.orderBy = [this.parseOrderItem()];
      while (this.isPunct(',')) {
        this.next();
        query.orderBy.push(this.parseOrderItem());
      }
    }
    if (this.acceptKeyword('LIMIT')) query.limit = this.parseNonNegativeInteger();
    if (this.acceptKeyword('OFFSET')) query.offset = this.parseNonNegativeInteger();
    return query;
  }

  private parseNonNegativeInteger(): number {
    const token = this.next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw this.unexpected(token);
    return Number(token.text);
  }

  private parseField(): FieldRef {
    const token = this.next();
    if (token.kind !== 'ident' || RESERVED.has(token.text.toUpperCase())) throw this.unexpected(token);
    return { path: token.text.split('.'), text: token.text, position: token.start };
  }

  private isAggregateCall(): boolean {
    const token = this.peek();
    return (
      token.kind === 'ident' && AGGREGATES.has(token.text.toUpperCase() as AggregateFunction) && this.isPunct('(', 1)
    );
  }

  private parseAggregateCall(): { fn: AggregateFunction; field?: FieldRef; position: number } {
    const nameToken = this.next();
    const fn = nameToken.text.toUpperCase() as AggregateFunction;
    this.expectPunct('(');
    if (this.isPunct(')')) {
      if (fn !== 'COUNT') throw this.unexpected();
      this.next();
      return { fn, position: nameToken.start };
    }
    const field = this.parseField();
    this.expectPunct(')');
    return { fn, field, position: nameToken.start };
  }

  private parseSelectItem(): SelectItem {
    if (this.isPunct('(')) {
      const open = this.next();
      const query = this.parseQuery();
      this.expectPunct(')');
      return { kind: 'subquery', query, position: open.start };
    }
    if (this.isAggregateCall()) {
      const call = this.parseAggregateCall();
      const token = this.peek();
      let alias: string | undefined;
      if (token.kind === 'ident' && !token.text.includes('.') && !RESERVED.has(token.text.toUpperCase())) {
        alias = this.next().text;
      }
      return { kind: 'aggregate', ...call, ...(alias ? { alias } : {}) };
    }
    return { kind: 'field', field: this.parseField() };
  }

  private parseOrderItem(): OrderItem {
    const key: OrderItem['key'] = this.isAggregateCall()
      ? { kind: 'aggregate', ...this.parseAggregateCall() }
      : { kind: 'field', field: this.parseField() };
    let descending = false;
    if (this.acceptKeyword('DESC')) descending = true;
    else this.acceptKeyword('ASC');
    let nullsFirst = !descending;
    if (this.acceptKeyword('NULLS')) {
      if (this.acceptKeyword('FIRST')) nullsFirst = true;
      else if (this.acceptKeyword('LAST')) nullsFirst = false;
      else throw this.unexpected();
    }
    return { key, descending, nullsFirst };
  }

  /** AND and OR cannot be mixed at one level without parentheses (Salesforce rejects `a AND b OR c`). */
  private parseCondition(): Condition {
    const first = this.parseTerm();
    if (!this.isKeyword('AND') && !this.isKeyword('OR')) return first;
    const joiner = this.peek().text.toUpperCase() as 'AND' | 'OR';
    const items = [first];
    while (this.isKeyword('AND') || this.isKeyword('OR')) {
      if (this.peek().text.toUpperCase() !== joiner) throw this.unexpected();
      this.next();
      items.push(this.parseTerm());
    }
    return { kind: joiner === 'AND' ? 'and' : 'or', items };
  }

  private parseTerm(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', item: this.parseTerm() };
    if (this.isPunct('(')) {
      this.next();
      const inner = this.parseCondition();
      this.expectPunct(')');
      return inner;
    }
    const field = this.parseField();
    const token = this.peek();
    if (token.kind === 'punct' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(token.text)) {
      this.next();
      const operator = (token.text === '<>' ? '!=' : token.text) as ComparisonOperator;
      return { kind: 'compare', field, operator, value: this.parseLiteral() };
    }
    let negated = false;
    if (this.isKeyword('NOT') && (this.isKeyword('IN', 1) || this.isKeyword('LIKE', 1))) {
      this.next();
      negated = true;
    }
    if (this.acceptKeyword('LIKE')) {
      const like: Condition = { kind: 'like', field, pattern: this.parseLiteral() };
      return negated ? { kind: 'not', item: like } : like;
    }
    if (this.isKeyword('IN')) {
      const inToken = this.next();
      this.expectPunct('(');
      if (this.isKeyword('SELECT')) {
        const query = this.parseQuery();
        this.expectPunct(')');
        return { kind: 'inQuery', field, negated, query, position: inToken.start };
      }
      const values = [this.parseLiteral()];
      while (this.isPunct(',')) {
        this.next();
        values.push(this.parseLiteral());
      }
      this.expectPunct(')');
      return { kind: 'in', field, negated, values, position: inToken.start };
    }
    throw this.unexpected();
  }

  private parseLiteral(): Literal {
    const token = this.next();
    const position = token.start;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value, position };
      case 'number':
        return { kind: 'number', value: Number(token.text), text: token.text, position };
      case 'date':
        return { kind: 'date', value: token.text, position };
      case 'datetime': {
        const value = parseDateTime(token.text);
        if (value === undefined) throw this.unexpected(token);
        return { kind: 'datetime', value, text: token.text, position };
      }
      case 'ident': {
        const upper = token.text.toUpperCase();
        if (upper === 'NULL') return { kind: 'null', position };
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE', position };
        if (DATE_LITERALS.has(upper)) return { kind: 'dateLiteral', name: upper, text: token.text, position };
        if (DATE_LITERALS_N.has(upper)) {
          this.expectPunct(':');
          const n = this.next();
          if (n.kind !== 'number' || !/^\d+$/.test(n.text)) throw this.unexpected(n);
          return { kind: 'dateLiteral', name: upper, n: Number(n.text), text: `${token.text}:${n.text}`, position };
        }
        throw this.unexpected(token);
      }
      default:
        throw this.unexpected(token);
    }
  }
}

export function parseSoql(source: string): Query {
  return new Parser(tokenize(source)).parseTopLevel();
}
