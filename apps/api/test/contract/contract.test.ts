import { readFileSync } from 'node:fs';
import {
  type DefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  type TypeNode,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  parse,
  print,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index.ts';

/**
 * The contract's SDL fragments, merged by type name (a type may be spread
 * over several fragments, as Query and Mutation are).
 */
interface ContractType {
  kind: 'object' | 'interface' | 'union' | 'enum' | 'input';
  fields: Map<string, { type: string; args: Map<string, string> }>;
  members: Set<string>;
  interfaces: Set<string>;
}

const typeString = (node: TypeNode): string => print(node);

function collect(definitions: readonly DefinitionNode[]): Map<string, ContractType> {
  const types = new Map<string, ContractType>();
  const entry = (name: string, kind: ContractType['kind']) => {
    const existing = types.get(name);
    if (existing !== undefined) return existing;
    const created: ContractType = {
      kind,
      fields: new Map(),
      members: new Set(),
      interfaces: new Set(),
    };
    types.set(name, created);
    return created;
  };
  const addFields = (
    t: ContractType,
    fields: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] = [],
  ) => {
    for (const f of fields) {
      const args = new Map<string, string>();
      if (f.kind === Kind.FIELD_DEFINITION)
        for (const a of f.arguments ?? []) args.set(a.name.value, typeString(a.type));
      t.fields.set(f.name.value, { type: typeString(f.type), args });
    }
  };
  for (const d of definitions) {
    switch (d.kind) {
      case Kind.OBJECT_TYPE_DEFINITION: {
        const t = entry(d.name.value, 'object');
        addFields(t, d.fields);
        for (const i of d.interfaces ?? []) t.interfaces.add(i.name.value);
        break;
      }
      case Kind.INTERFACE_TYPE_DEFINITION:
        addFields(entry(d.name.value, 'interface'), d.fields);
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        addFields(entry(d.name.value, 'input'), d.fields);
        break;
      case Kind.UNION_TYPE_DEFINITION:
        for (const m of d.types ?? []) entry(d.name.value, 'union').members.add(m.name.value);
        break;
      case Kind.ENUM_TYPE_DEFINITION:
        for (const v of d.values ?? []) entry(d.name.value, 'enum').members.add(v.name.value);
        break;
      default:
        break;
    }
  }
  return types;
}

/**
 * Breaking changes made since the contract, each recorded in docs/graphql.md
 * ("Changes"), with the type now served. Averages are null when a mark is
 * missing and the sovereign jury decided the outcome anyway (« non
 * calculable »): no number may be guessed in their place.
 */
const RECORDED_CHANGES = new Map([
  ['FirstGroupResult.overallAverage', 'Average'],
  ['FirstGroupResult.professionalAverage', 'Average'],
  ['FinalResult.overallAverage', 'Average'],
]);

const contract = collect(
  parse(readFileSync(new URL('contract.graphql', import.meta.url), 'utf8')).definitions,
);

describe('the public GraphQL contract (contract.graphql)', () => {
  it('is read whole from its SDL fragments', () => {
    expect(contract.size).toBe(30);
    expect(contract.get('Query')?.fields.size).toBe(6);
    expect(contract.get('Mutation')?.fields.size).toBe(5);
  });

  it.each([...RECORDED_CHANGES])('records the change of %s in docs/graphql.md', (field) => {
    const guide = readFileSync(new URL('../../../../docs/graphql.md', import.meta.url), 'utf8');
    const changes = guide.slice(guide.indexOf('## Changes'));
    expect(changes).toContain(`\`${field}\``);
  });

  it.each([...contract.entries()])('keeps %s', (name, expected) => {
    const actual = schema.getType(name);
    expect(actual, `type ${name} is missing`).toBeDefined();
    switch (expected.kind) {
      case 'object':
      case 'interface':
      case 'input': {
        const ok =
          expected.kind === 'object'
            ? isObjectType(actual)
            : expected.kind === 'interface'
              ? isInterfaceType(actual)
              : isInputObjectType(actual);
        expect(
          ok,
          `${name} is not a${expected.kind === 'input' ? 'n input' : 'n ' + expected.kind}`,
        ).toBe(true);
        if (!isObjectType(actual) && !isInterfaceType(actual) && !isInputObjectType(actual)) return;
        const fields = actual.getFields();
        for (const [fieldName, field] of expected.fields) {
          const served = fields[fieldName];
          expect(served, `${name}.${fieldName} is missing`).toBeDefined();
          if (served === undefined) continue;
          expect(String(served.type), `${name}.${fieldName}`).toBe(
            RECORDED_CHANGES.get(`${name}.${fieldName}`) ?? field.type,
          );
          const servedArgs = new Map(
            'args' in served ? served.args.map((a) => [a.name, String(a.type)]) : [],
          );
          for (const [argName, argType] of field.args) {
            expect(servedArgs.get(argName), `${name}.${fieldName}(${argName})`).toBe(argType);
          }
          // A new required argument would break every existing caller.
          for (const [argName, argType] of servedArgs) {
            if (!field.args.has(argName))
              expect(
                argType.endsWith('!'),
                `${name}.${fieldName}(${argName}) must be optional`,
              ).toBe(false);
          }
        }
        if (isObjectType(actual)) {
          const interfaces = new Set(actual.getInterfaces().map((i) => i.name));
          for (const i of expected.interfaces)
            expect(interfaces.has(i), `${name} implements ${i}`).toBe(true);
        }
        break;
      }
      case 'union':
        expect(isUnionType(actual)).toBe(true);
        if (isUnionType(actual)) {
          // Members may be added; the contract's may not go.
          const members = new Set(actual.getTypes().map((t) => t.name));
          for (const m of expected.members)
            expect(members.has(m), `${name} includes ${m}`).toBe(true);
        }
        break;
      case 'enum':
        expect(isEnumType(actual)).toBe(true);
        if (isEnumType(actual)) {
          expect(
            actual
              .getValues()
              .map((v) => v.name)
              .sort(),
          ).toEqual([...expected.members].sort());
        }
        break;
    }
  });
});
