/**
 * What `whydenied check` reads besides the policies: task definitions (describe-task-definition
 * output or the register-task-definition --cli-input-json input, a CloudFormation template, a CDK
 * cloud assembly or a Terraform plan, with the roles they declare), and the keys of secrets
 * (`aws secretsmanager describe-secret`, `aws ssm describe-parameters`). A file of none of these
 * shapes is a warning that names it; the rest is still checked.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputWarning, TaskDefinitionEvidence } from '../../domain/evidence.js';
import { isObject, type Json, object, text } from '../../domain/json-value.js';
import {
  type Deployment,
  isCloudFormationTemplate,
  readCloudFormationTemplate,
  templateParameters,
} from './cloudformation.js';
import { readCloudFormationYaml } from './cloudformation-yaml.js';
import type { DeclaredPolicy } from './declared-policies.js';
import { taskDefinitionEvidence } from './ecs-outputs.js';
import { readInput, walkPaths } from './read-inputs.js';
import { isTerraformPlan, readTerraformPlan } from './terraform-plan.js';

export interface CheckInputs {
  definitions: TaskDefinitionEvidence[];
  /** Secret ARN or name, or parameter name → its customer managed key. */
  keys: Map<string, string>;
  /** Policies the templates declare for their own roles. */
  policies: DeclaredPolicy[];
  warnings: InputWarning[];
  /** What reading assumed (a generated role name, a parameter's default), said to the user. */
  notes: string[];
}

const EXPECTED =
  'a task definition (describe-task-definition output, register-task-definition --cli-input-json input, a CloudFormation template (JSON or YAML) and its parameter values, a cdk.out directory, terraform show -json of a plan), describe-secret or describe-parameters output';

/** AWS managed keys (alias/aws/ssm, aws/secretsmanager) need no grant in a key policy of the user's. */
function customerKey(key: string | null): string | null {
  if (!key || /^alias\/aws\//.test(key) || /:alias\/aws\//.test(key)) return null;
  return key;
}

function read(value: Json, source: string, inputs: CheckInputs, deployment: Deployment): boolean {
  const template = isCloudFormationTemplate(value);
  if (template || isTerraformPlan(value)) {
    const declared = template
      ? readCloudFormationTemplate(value, source, deployment)
      : readTerraformPlan(value, source, deployment);
    inputs.definitions.push(...declared.definitions);
    inputs.policies.push(...declared.policies);
    inputs.warnings.push(...declared.warnings);
    inputs.notes.push(...declared.notes);
    if (declared.definitions.length === 0)
      inputs.warnings.push({
        origin: source,
        problem: template
          ? 'a CloudFormation template with no AWS::ECS::TaskDefinition resource'
          : 'a Terraform plan with no aws_ecs_task_definition resource',
        expected: 'infrastructure code that declares the task definition to check',
      });
    return true;
  }
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

/**
 * A CDK cloud assembly (cdk.out) is read through its manifest.json: its stacks' templates, and
 * those of nested assemblies (CDK stages); the assets, tree and Lambda code beside them are not
 * inputs. Any other path is itself.
 */
async function assemblyTemplates(path: string, warnings: InputWarning[]): Promise<string[]> {
  const manifest = join(path, 'manifest.json');
  const isAssembly = await stat(path)
    .then((info) => info.isDirectory() && readdir(path).then((names) => names.includes('manifest.json')))
    .catch(() => false);
  if (!isAssembly) return [path];
  let parsed: Json;
  try {
    parsed = object(JSON.parse(await readFile(manifest, 'utf8')));
  } catch (error) {
    warnings.push({
      origin: manifest,
      problem: `a cloud assembly manifest that cannot be read (${(error as Error).message})`,
      expected: 'the manifest.json that cdk synth writes',
    });
    return [];
  }
  if (!isObject(parsed.artifacts)) return [path];
  const templates: string[] = [];
  for (const [name, raw] of Object.entries(parsed.artifacts)) {
    const artifact = object(raw);
    const properties = object(artifact.properties);
    if (artifact.type === 'aws:cloudformation:stack' && text(properties.templateFile))
      templates.push(join(path, properties.templateFile as string));
    else if (artifact.type === 'cdk:cloud-assembly' && text(properties.directoryName))
      templates.push(...(await assemblyTemplates(join(path, properties.directoryName as string), warnings)));
    else if (artifact.type === 'aws:cloudformation:stack')
      warnings.push({
        origin: `${manifest}#artifacts.${name}`,
        problem: 'a stack with no templateFile',
        expected: 'properties.templateFile',
      });
  }
  return templates;
}

/** What a file holds once parsed: JSON, or YAML (CloudFormation's other language). */
function parseInput(content: string, origin: string, warnings: InputWarning[]): unknown {
  const text = content.trimStart();
  // JSON is YAML too, but JSON.parse is faster and its errors say more about a JSON file.
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.parse(content);
    } catch (error) {
      warnings.push({ origin, problem: `invalid JSON (${(error as Error).message})`, expected: EXPECTED });
      return undefined;
    }
  }
  const read = readCloudFormationYaml(content);
  if ('problem' in read) {
    warnings.push({ origin, problem: read.problem, expected: EXPECTED });
    return undefined;
  }
  if (isObject(read.value) && isCloudFormationTemplate(read.value))
    for (const problem of read.problems)
      warnings.push({
        origin,
        problem,
        expected: 'the short-form tags CloudFormation defines (!Ref, !Sub, ...)',
      });
  return read.value;
}

export async function readCheckInputs(paths: string[], deployment: Deployment = {}): Promise<CheckInputs> {
  const inputs: CheckInputs = { definitions: [], keys: new Map(), policies: [], warnings: [], notes: [] };
  const expanded: string[] = [];
  for (const path of paths) expanded.push(...(await assemblyTemplates(path, inputs.warnings)));
  const parsed: { entry: string; value: unknown }[] = [];
  for await (const entry of walkPaths(expanded)) {
    if (typeof entry !== 'string') {
      inputs.warnings.push({ origin: entry.missing, problem: entry.problem, expected: EXPECTED });
      continue;
    }
    const input = await readInput(entry);
    if ('warning' in input) {
      inputs.warnings.push(input.warning);
      continue;
    }
    const value = parseInput(input.content, entry, inputs.warnings);
    if (value !== undefined) parsed.push({ entry, value });
  }
  // Parameter values apply to every template, whichever order the files were named in.
  const parameters: Record<string, string> = { ...deployment.parameters };
  const rest = parsed.filter(({ value }) => {
    const values = templateParameters(value);
    if (values) Object.assign(parameters, values);
    return values === null;
  });
  const withParameters = { ...deployment, parameters };
  for (const { entry, value } of rest) {
    if (!isObject(value) || !read(value, entry, inputs, withParameters))
      inputs.warnings.push({ origin: entry, problem: 'not a shape check reads', expected: EXPECTED });
  }
  return inputs;
}
