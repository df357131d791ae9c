import { describe, expect, it } from 'vitest';
import { loadYaml, YamlError } from '../src/yaml/load.js';

describe('loadYaml', () => {
  it('rejects unrendered template placeholders, which parse as maps used as keys', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n';
    let error: unknown;
    try {
      loadYaml('pod.yaml', text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(YamlError);
    expect((error as YamlError).offset).toBe(text.indexOf('{ .Values'));
  });

  it('keeps template text inside strings (Prometheus rules, GitHub expressions)', () => {
    const docs = loadYaml(
      'rules.yaml',
      'summary: "{{ $labels.instance }} is down"\nrun: echo ${{ github.sha }}\n',
    );
    expect(docs[0]?.value).toEqual({
      summary: '{{ $labels.instance }} is down',
      run: 'echo ${{ github.sha }}',
    });
  });

  it('parses CloudFormation short tags when asked', () => {
    const docs = loadYaml('stack.yaml', 'Value: !Sub "${AWS::Region}-x"\nArn: !GetAtt Bucket.Arn\n', {
      cloudFormation: true,
    });
    expect(docs[0]?.value).toEqual({
      Value: { 'Fn::Sub': '${AWS::Region}-x' },
      Arn: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
    });
  });
});
