/**
 * Every way a file can reach an AWS operation through the SDK, read from its syntax tree (the
 * TypeScript parser reads the built JavaScript too): named and aliased `XxxCommand` imports,
 * namespace and default imports (`iam.PutRolePolicyCommand`), re-exports, the aggregated
 * clients (`new IAM({}).putRolePolicy`), `paginateXxx`, dynamic `import()` and `require()` of
 * an SDK client, and `send(new X(...))` of a command that does not come from an SDK import.
 * What cannot be resolved to one operation is reported as a violation, never let through.
 */
import ts from 'typescript';

/** The IAM prefix of each SDK client package (`@aws-sdk/client-<name>`). */
const PREFIX: Record<string, string> = {
  ecs: 'ecs',
  cloudtrail: 'cloudtrail',
  'cloudwatch-logs': 'logs',
  athena: 'athena',
  iam: 'iam',
  'secrets-manager': 'secretsmanager',
  ssm: 'ssm',
  sts: 'sts',
  s3: 's3',
  kms: 'kms',
  ecr: 'ecr',
  organizations: 'organizations',
};

export interface SdkUse {
  /** `iam:PutRolePolicy`, or null when the use cannot be resolved to one operation. */
  action: string | null;
  /** How the code reaches it: `named import`, `namespace import`, `dynamic import`, ... */
  how: string;
  /** `file:line`. */
  at: string;
  /** The code's own words for it. */
  text: string;
}

const CLIENT_PACKAGE = /^@aws-sdk\/client-([\w-]+)$/;

function prefixOf(specifier: string): string | null {
  const service = CLIENT_PACKAGE.exec(specifier)?.[1];
  return service ? (PREFIX[service] ?? service.replace(/-/g, '')) : null;
}

/** What an exported name of a client package does when the code uses it as a value. */
function classify(name: string, prefix: string): { action: string | null; how: string } | 'harmless' {
  const command = /^(\w+)Command$/.exec(name);
  if (command) return { action: `${prefix}:${command[1]}`, how: 'command' };
  const paginator = /^paginate(\w+)$/.exec(name);
  if (paginator) return { action: `${prefix}:${paginator[1]}`, how: 'paginator' };
  // The bare client sends only the commands it is given; exceptions and enums call nothing.
  if (/Client$|Exception$|ServiceException$/.test(name)) return 'harmless';
  // Aggregated clients (IAM, ECS, CloudTrail...), waiters and anything else: their calls are
  // method names no import shows, so they are refused outright.
  return {
    action: null,
    how: `'${name}' (an aggregated client, waiter or helper whose calls cannot be checked)`,
  };
}

export function sdkUses(fileName: string, text: string): SdkUse[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const uses: SdkUse[] = [];
  /** Local name → package prefix, for namespace and default imports of a client package. */
  const namespaces = new Map<string, string>();
  /** Local name → the command's operation, for named imports (aliases resolved). */
  const commands = new Set<string>();
  const at = (node: ts.Node) =>
    `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const add = (node: ts.Node, action: string | null, how: string) =>
    uses.push({ action, how, at: at(node), text: node.getText(source).slice(0, 120) });

  function named(element: ts.ImportSpecifier | ts.ExportSpecifier, prefix: string, how: string) {
    if (element.isTypeOnly) return;
    const imported = (element.propertyName ?? element.name).text;
    const use = classify(imported, prefix);
    if (use === 'harmless') return;
    if (ts.isImportSpecifier(element)) commands.add(element.name.text);
    add(element, use.action, use.action ? `${how} (${use.how})` : `${how} of ${use.how}`);
  }

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const prefix = prefixOf(statement.moduleSpecifier.text);
      const clause = statement.importClause;
      if (!prefix || !clause || clause.isTypeOnly) continue;
      if (clause.name) namespaces.set(clause.name.text, prefix);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, prefix);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) named(element, prefix, 'named import');
      }
    }
    if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      !statement.isTypeOnly
    ) {
      const prefix = prefixOf(statement.moduleSpecifier.text);
      if (!prefix) continue;
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) {
        for (const element of clause.elements) named(element, prefix, 're-export');
      } else {
        add(statement, null, 're-export of a whole SDK client package');
      }
    }
  }

  function visit(node: ts.Node) {
    // import('@aws-sdk/client-iam') and require(...): what is taken from them is not in any import.
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(callee) && callee.text === 'require';
      if (dynamic || required) {
        const [argument] = node.arguments;
        const how = dynamic ? 'dynamic import()' : 'require()';
        if (!argument || !ts.isStringLiteralLike(argument)) {
          add(node, null, `${how} of a computed module name`);
        } else if (argument.text.startsWith('@aws-sdk/client-')) {
          add(node, null, `${how} of ${argument.text}`);
        }
      }
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const prefix = namespaces.get(node.expression.text);
      if (prefix) {
        const use = classify(node.name.text, prefix);
        if (use !== 'harmless') {
          add(
            node,
            use.action,
            use.action ? `namespace import (${use.how})` : `namespace import of ${use.how}`,
          );
        }
      }
    }
    if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression)) {
      if (namespaces.has(node.expression.text)) add(node, null, 'computed member of an SDK client package');
    }
    // client.send(new X(...)) where X is no SDK import: a command built or imported some other way.
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'send'
    ) {
      const [argument] = node.arguments;
      if (argument && ts.isNewExpression(argument)) {
        const target = argument.expression;
        const resolved =
          (ts.isIdentifier(target) && commands.has(target.text)) ||
          (ts.isPropertyAccessExpression(target) &&
            ts.isIdentifier(target.expression) &&
            namespaces.has(target.expression.text));
        if (!resolved && /Command$/.test(target.getText(source))) {
          add(argument, null, 'send() of a command that is not imported from an SDK client');
        }
      }
    }
    ts.forEachChild(node, visit);
  }
  visit(source);
  return uses;
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.(ts|mts|cts)(\.txt)?$/.test(fileName)) return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

/** The uses the allow-list does not grant: unresolved ones and operations not on it. */
export function violations(uses: SdkUse[], allowed: ReadonlySet<string>): string[] {
  return uses
    .filter((use) => use.action === null || !allowed.has(use.action))
    .map((use) => `${use.at}: ${use.action ?? 'unresolved'} via ${use.how}: ${use.text}`);
}
