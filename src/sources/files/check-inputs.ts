/**
 * What `whydenied check` reads besides the policies: task definitions (describe-task-definition
 * output or the register-task-definition --cli-input-json input), and the keys of secrets
 * (`aws secretsmanager describe-secret`, `aws ssm describe-parameters`). A file of none of these
 * shapes is a warning that names it; the rest is still checked.
 */
import type { InputWarning, TaskDefinitionEvidence } from '../../domain/evidence.js';
import { isObject, type Json, object, text } from '../../domain/json-value.js';
import { taskDefinitionEvidence } from './ecs-outputs.js';
import { readInput, walkPaths } from './read-inputs.js';

export interface CheckInputs {
  definitions: TaskDefinitionEvidence[];
  /** Secret ARN or name, or parameter name → its customer managed key. */
  keys: Map<string, string>;
  warnings: InputWarning[];
}

const EXPECTED =
  'a task definition (describe-task-definition output, or register-task-definition --cli-input-json input), describe-secret or describe-parameters output';

/** AWS managed keys (alias/aws/ssm, aws/secretsmanager) need no grant in a key policy of the user's. */
function customerKey(key: string | null): string | null {
  if (!key || /^alias\/aws\//.test(key) || /:alias\/aws\//.test(key)) return null;
  return key;
}

function read(value: Json, source: string, inputs: CheckInputs): boolean {
  if (isObject(value.taskDefinition) || Array.isArray(value.containerDefinitions)) {
    const definition = object(value.taskDefinition ?? value);
    const evidence = taskDefinitionEvidence(definition, source, value.taskDefinition ? 'taskDefinition' : '');
    if (evidence) inputs.definitions.push(evidence);
    return evidence !== null;
  }
  if (typeof value.ARN === 'string' && value.ARN.includes(':secretsmanager:')) {
    const key = customerKey(text(value.KmsKeyId));
    if (key) inputs.keys.set(value.ARN, key);
    return true;
  }
  if (Array.isArray(value.Parameters)) {
    for (const parameter of (value.Parameters as unknown[]).map(object)) {
      const key = text(parameter.Type) === 'SecureString' ? customerKey(text(parameter.KeyId)) : null;
      const name = text(parameter.Name);
      if (key && name) inputs.keys.set(name, key);
    }
    return true;
  }
  return false;
}

export async function readCheckInputs(paths: string[]): Promise<CheckInputs> {
  const inputs: CheckInputs = { definitions: [], keys: new Map(), warnings: [] };
  for await (const entry of walkPaths(paths)) {
    if (typeof entry !== 'string') {
      inputs.warnings.push({ origin: entry.missing, problem: entry.problem, expected: EXPECTED });
      continue;
    }
    const input = await readInput(entry);
    if ('warning' in input) {
      inputs.warnings.push(input.warning);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(input.content);
    } catch (error) {
      inputs.warnings.push({
        origin: entry,
        problem: `invalid JSON (${(error as Error).message})`,
        expected: EXPECTED,
      });
      continue;
    }
    if (!isObject(value) || !read(value, entry, inputs))
      inputs.warnings.push({ origin: entry, problem: 'not a shape check reads', expected: EXPECTED });
  }
  return inputs;
}
