/**
 * A CloudFormation template written in YAML, read into the JSON form the template reader
 * takes: each short-form tag (`!Ref`, `!GetAtt`, `!Sub`, …) becomes its long form (`Ref`,
 * `Fn::GetAtt`, `Fn::Sub`, …), as CloudFormation itself reads them. YAML is parsed by the
 * `yaml` package (a hand-written parser of YAML's anchors, block scalars and flow
 * collections would not be trusted); a tag CloudFormation does not define is a warning.
 */
import { type CollectionTag, parseDocument, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';

type Collection = YAMLMap.Parsed | YAMLSeq.Parsed;

/** The short forms of the CloudFormation User Guide's intrinsic function and condition references. */
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Length',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
];

function longForm(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** One tag for each form the argument takes: a scalar, a sequence, a mapping. */
const TAGS = ['Ref', 'Condition', ...FUNCTIONS].flatMap((name): (ScalarTag | CollectionTag)[] => {
  const key = longForm(name);
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) },
    { tag: `!${name}`, collection: 'seq' as const, resolve: (seq: Collection) => ({ [key]: seq.toJSON() }) },
    { tag: `!${name}`, collection: 'map' as const, resolve: (map: Collection) => ({ [key]: map.toJSON() }) },
  ];
});

export type YamlRead = { value: unknown; problems: string[] } | { problem: string };

/** The template as JSON values, with the problems that did not stop the reading (an unknown tag). */
export function readCloudFormationYaml(text: string): YamlRead {
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, { customTags: TAGS, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    return { problem: `invalid YAML (${(error as Error).message})` };
  }
  const [error] = document.errors;
  if (error) return { problem: `invalid YAML (${error.message})` };
  try {
    return {
      value: document.toJS({ maxAliasCount: 1000 }),
      problems: document.warnings.map((warning) => warning.message),
    };
  } catch (failure) {
    // An alias expanded beyond the limit (a "billion laughs" document) ends here.
    return { problem: `invalid YAML (${(failure as Error).message})` };
  }
}
