/**
 * The bundled examples, checked end to end as `wfverify check examples` does: extraction from
 * the TypeScript sources, lowering, built-in checks and the specs. Verdicts, model sizes and the
 * counterexamples of the buggy twins (steps with their source lines) are pinned: a change to the
 * extractor, the lowering or the checkers that changes an answer shows up here.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check/run-check.js';
import type { WorkflowResult } from '../../src/cli/check/report.js';
import { checkExitCode } from '../../src/cli/commands/check.js';

const root = path.resolve(import.meta.dirname, '../..');
const run = runCheck({ paths: [path.join(root, 'examples')], baseDir: root, bounds: {}, version: 'test' });
const byName = new Map(run.report.workflows.map((w) => [w.workflow, w]));

function summary(w: WorkflowResult | undefined): string {
  if (!w) return 'missing';
  const lines = [`states=${w.stats.states} transitions=${w.stats.transitions} depth=${w.stats.depth}`];
  for (const p of w.properties) {
    lines.push(`${p.status} ${p.name}`);
    if (p.status === 'violated' && p.steps) {
      p.steps.forEach((s, i) => {
        if (p.loopStart === i) lines.push('  -- loop --');
        lines.push(`  ${s.index}. ${s.label.replace(/ @ [^ ]+$/, '')} @${s.span.line}`);
      });
    }
  }
  return lines.join('\n');
}

describe('wfverify check examples', () => {
  it('extracts every example without input errors and exits 1 (the twins are buggy)', () => {
    expect(run.errors).toEqual([]);
    expect([...byName.keys()].sort()).toEqual([
      'crossChainTransfer', 'crossChainTransferBuggy', 'kernelUpgradeRollout', 'kernelUpgradeRolloutBuggy', 'loanApproval', 'loanApprovalBuggy',
      'payment', 'paymentOrchestration', 'paymentOrchestrationBuggy', 'proteomicsPipeline', 'proteomicsPipelineBuggy', 'threeSteps', 'transfer',
      'videoEncoding', 'videoEncodingBuggy',
    ]);
    expect(checkExitCode(run.report)).toBe(1);
  });

  it('every correct example holds every property (video encoding: inconclusive, its fan-out is bounded)', () => {
    for (const name of ['crossChainTransfer', 'kernelUpgradeRollout', 'loanApproval', 'paymentOrchestration', 'proteomicsPipeline', 'payment', 'threeSteps', 'transfer']) {
      const w = byName.get(name);
      expect(w?.properties.filter((p) => p.status !== 'holds').map((p) => `${name}.${p.name}: ${p.status}`)).toEqual([]);
    }
    const video = byName.get('videoEncoding');
    expect(new Set(video?.properties.map((p) => p.status))).toEqual(new Set(['inconclusive']));
    expect(video?.properties.every((p) => p.message?.includes('WFV3104'))).toBe(true);
  });

  it('cross-chain transfer twin: a confirmation timeout leaves the funds locked', () => {
    expect(summary(byName.get('crossChainTransferBuggy'))).toMatchInlineSnapshot(`
      "states=39 transitions=48 depth=18
      holds deadlock-freedom
      holds option-to-complete
      holds proper-completion
      holds no-dead-activity
      violated fundsSettle
        1. setHandler(signal confirmLock) @27
        2. scheduled(lockFunds) @34
        3. completed(lockFunds) @34
        4. state := 'awaiting confirmation' @36
        5. conditionTimedOut @37
        6. if (!condition_37) then @37
        7. state := 'compensating' @48
        8. compensations of compensations done @49
        9. state := 'compensated' @50
        10. workflowFailed @24
      violated noRunEndsWithLockedFunds
        1. setHandler(signal confirmLock) @27
        2. scheduled(lockFunds) @34
        3. completed(lockFunds) @34
        4. state := 'awaiting confirmation' @36
        5. conditionTimedOut @37
        6. if (!condition_37) then @37
        7. state := 'compensating' @48
        8. compensations of compensations done @49
        9. state := 'compensated' @50
        10. workflowFailed @24
      holds neverBoth
      holds releaseOnlyAfterConfirmation"
    `);
  });

  it('kernel upgrade rollout twin: a failed health check is swallowed', () => {
    expect(summary(byName.get('kernelUpgradeRolloutBuggy'))).toMatchInlineSnapshot(`
      "states=60 transitions=68 depth=30
      holds deadlock-freedom
      holds option-to-complete
      holds proper-completion
      holds no-dead-activity
      violated noDoneAfterUnhealthy
        1. while (batch < 3) again @23
        2. unshift compensation s4 on rollbacks @25
        3. scheduled(upgradeBatch) @26
        4. completed(upgradeBatch) @26
        5. timerFired @28
        6. scheduled(checkHealth) @30
        7. failed(checkHealth) @30
        8. batch := batch + 1 [batch=1] @23
        9. while (batch < 3) again @23
        10. unshift compensation s4 on rollbacks @25
        11. scheduled(upgradeBatch) @26
        12. completed(upgradeBatch) @26
        13. timerFired @28
        14. scheduled(checkHealth) @30
        15. completed(checkHealth) @30
        16. batch := batch + 1 [batch=2] @23
        17. while (batch < 3) again @23
        18. unshift compensation s4 on rollbacks @25
        19. scheduled(upgradeBatch) @26
        20. completed(upgradeBatch) @26
        21. timerFired @28
        22. scheduled(checkHealth) @30
        23. completed(checkHealth) @30
        24. batch := batch + 1 [batch=3] @23
        25. while (batch < 3) exit @23
        26. workflowCompleted @19
      violated haltAfterUnhealthy
        1. while (batch < 3) again @23
        2. unshift compensation s4 on rollbacks @25
        3. scheduled(upgradeBatch) @26
        4. completed(upgradeBatch) @26
        5. timerFired @28
        6. scheduled(checkHealth) @30
        7. completed(checkHealth) @30
        8. batch := batch + 1 [batch=1] @23
        9. while (batch < 3) again @23
        10. unshift compensation s4 on rollbacks @25
        11. scheduled(upgradeBatch) @26
        12. completed(upgradeBatch) @26
        13. timerFired @28
        14. scheduled(checkHealth) @30
        15. failed(checkHealth) @30
        16. batch := batch + 1 [batch=2] @23
        17. while (batch < 3) again @23
        18. unshift compensation s4 on rollbacks @25
        19. scheduled(upgradeBatch) @26
        20. completed(upgradeBatch) @26
        21. timerFired @28
        22. scheduled(checkHealth) @30
        23. completed(checkHealth) @30
        24. batch := batch + 1 [batch=3] @23
        25. while (batch < 3) exit @23
        26. workflowCompleted @19
      violated rollbackAfterUnhealthy
        1. while (batch < 3) again @23
        2. unshift compensation s4 on rollbacks @25
        3. scheduled(upgradeBatch) @26
        4. completed(upgradeBatch) @26
        5. timerFired @28
        6. scheduled(checkHealth) @30
        7. failed(checkHealth) @30
        8. batch := batch + 1 [batch=1] @23
        9. while (batch < 3) again @23
        10. unshift compensation s4 on rollbacks @25
        11. scheduled(upgradeBatch) @26
        12. completed(upgradeBatch) @26
        13. timerFired @28
        14. scheduled(checkHealth) @30
        15. completed(checkHealth) @30
        16. batch := batch + 1 [batch=2] @23
        17. while (batch < 3) again @23
        18. unshift compensation s4 on rollbacks @25
        19. scheduled(upgradeBatch) @26
        20. completed(upgradeBatch) @26
        21. timerFired @28
        22. scheduled(checkHealth) @30
        23. completed(checkHealth) @30
        24. batch := batch + 1 [batch=3] @23
        25. while (batch < 3) exit @23
        26. workflowCompleted @19
      holds allBatchesOnDone
      violated checkBetweenUpgrades
        1. while (batch < 3) again @23
        2. unshift compensation s4 on rollbacks @25
        3. scheduled(upgradeBatch) @26
        4. completed(upgradeBatch) @26
        5. timerFired @28
        6. scheduled(checkHealth) @30
        7. failed(checkHealth) @30
        8. batch := batch + 1 [batch=1] @23
        9. while (batch < 3) again @23
        10. unshift compensation s4 on rollbacks @25
        11. scheduled(upgradeBatch) @26"
    `);
  });

  it('loan approval twin: the decision is recorded twice', () => {
    expect(summary(byName.get('loanApprovalBuggy'))).toMatchInlineSnapshot(`
      "states=132 transitions=263 depth=15
      holds deadlock-freedom
      holds option-to-complete
      holds proper-completion
      holds no-dead-activity
      violated recordedAtMostOnce
        1. setHandler(signal approve) @21
        2. conditionTimedOut @26
        3. if (!reviewed) then @27
        4. scheduled(recordDecision) @29
        5. completed(recordDecision) @29
        6. scheduled(notifyApplicant) @30
        7. completed(notifyApplicant) @30
        8. if (decision == undefined) then @33
        9. decision := 'rejected' @33
        10. scheduled(recordDecision) @35
        11. completed(recordDecision) @35
        12. scheduled(notifyApplicant) @36
        13. completed(notifyApplicant) @36
        14. workflowCompleted @19
      holds recordedBeforeDone
      holds notifyAfterRecord
      holds decisionIsFinal"
    `);
  });

  it('payment orchestration twin: the invoice goes out before the payment completed', () => {
    expect(summary(byName.get('paymentOrchestrationBuggy'))).toMatchInlineSnapshot(`
      "states=31 transitions=39 depth=14
      holds deadlock-freedom
      holds option-to-complete
      holds proper-completion
      holds no-dead-activity
      violated invoiceAfterPayment
        1. fork Promise.all(2) @21
        2. scheduled(screenForFraud) @21
        3. scheduled(calculateTax) @21
        4. completed(screenForFraud) @21
        5. completed(calculateTax) @21
        6. Promise.all succeeded @21
        7. if (? == 'block') else @22
        8. fork Promise.all(2) @28
        9. scheduled(chargePayment) @28
        10. scheduled(sendInvoiceEmail) @28
      violated noInvoiceForFailedPayment
        1. fork Promise.all(2) @21
        2. scheduled(screenForFraud) @21
        3. scheduled(calculateTax) @21
        4. completed(screenForFraud) @21
        5. completed(calculateTax) @21
        6. Promise.all succeeded @21
        7. if (? == 'block') else @22
        8. fork Promise.all(2) @28
        9. scheduled(chargePayment) @28
        10. scheduled(sendInvoiceEmail) @28
        11. completed(sendInvoiceEmail) @28
      holds noChargeAfterFailedScreen
      holds paidRunsAreInvoiced"
    `);
  });

  it('proteomics pipeline twin: training starts after a race, not after both branches', () => {
    expect(summary(byName.get('proteomicsPipelineBuggy'))).toMatchInlineSnapshot(`
      "states=111 transitions=138 depth=28
      holds deadlock-freedom
      holds option-to-complete
      violated proper-completion
        1. scheduled(preprocessData) @42
        2. completed(preprocessData) @42
        3. fork Promise.race(2) @46
        4. scheduled(qualityControl) @46
        5. while (true) again @25
        6. returned := false @25
        7. attempt := 1 @26
        8. while (attempt < 3) again @26
        9. scheduled(fetchMarkerReference) @28
        10. completed(qualityControl) @46
        11. Promise.race branch 1 won @46
        12. if ((? != 'string') && !?) else @47
        13. scheduled(trainSvmModel) @51
        14. completed(trainSvmModel) @51
        15. scheduled(visualizeAndCompare) @52
        16. completed(visualizeAndCompare) @52
        17. workflowCompleted @41
      holds no-dead-activity
      violated trainAfterQc
        1. scheduled(preprocessData) @42
        2. completed(preprocessData) @42
        3. fork Promise.race(2) @46
        4. scheduled(qualityControl) @46
        5. while (true) again @25
        6. returned := false @25
        7. attempt := 1 @26
        8. while (attempt < 3) again @26
        9. scheduled(fetchMarkerReference) @28
        10. completed(fetchMarkerReference) @28
        11. returned := true @28
        12. if (returned) then @26
        13. scheduled(overlayOrganelleMarkers) @38
        14. completed(overlayOrganelleMarkers) @38
        15. Promise.race branch 2 won @46
        16. if ((? != 'string') && !?) else @47
        17. scheduled(trainSvmModel) @51
      violated trainAfterOverlay
        1. scheduled(preprocessData) @42
        2. completed(preprocessData) @42
        3. fork Promise.race(2) @46
        4. scheduled(qualityControl) @46
        5. while (true) again @25
        6. returned := false @25
        7. attempt := 1 @26
        8. while (attempt < 3) again @26
        9. scheduled(fetchMarkerReference) @28
        10. completed(qualityControl) @46
        11. Promise.race branch 1 won @46
        12. if ((? != 'string') && !?) else @47
        13. scheduled(trainSvmModel) @51
      holds noTrainingAfterFailedBranch
      holds terminates
      holds canComplete"
    `);
  });

  it('video encoding twin: publishes after a failed chunk', () => {
    expect(summary(byName.get('videoEncodingBuggy'))).toMatchInlineSnapshot(`
      "states=29 transitions=38 depth=13
      inconclusive deadlock-freedom
      inconclusive option-to-complete
      inconclusive proper-completion
      inconclusive no-dead-activity
      inconclusive publishAfterMerge
      violated noPublishAfterFailedEncoding
        1. scheduled(splitVideo) @21
        2. completed(splitVideo) @21
        3. fork Promise.allSettled(2) @24
        4. scheduled(encodeChunk) @24
        5. scheduled(encodeChunk) @ buggy.ts:24 #2 @24
        6. failed(encodeChunk) @24
        7. completed(encodeChunk) @ buggy.ts:24 #2 @24
        8. Promise.allSettled settled @24
        9. scheduled(mergeChunks) @26
        10. completed(mergeChunks) @26
        11. scheduled(publishVideo) @27
      violated cleanupAfterFailedEncoding
        1. scheduled(splitVideo) @21
        2. completed(splitVideo) @21
        3. fork Promise.allSettled(2) @24
        4. scheduled(encodeChunk) @24
        5. scheduled(encodeChunk) @ buggy.ts:24 #2 @24
        6. completed(encodeChunk) @24
        7. failed(encodeChunk) @ buggy.ts:24 #2 @24
        8. Promise.allSettled settled @24
        9. scheduled(mergeChunks) @26
        10. completed(mergeChunks) @26
        11. scheduled(publishVideo) @27
        12. completed(publishVideo) @27
        13. workflowCompleted @20
      inconclusive terminates
      inconclusive canPublish"
    `);
  });

  it('pins the model sizes of the correct examples', () => {
    const sizes = Object.fromEntries(['crossChainTransfer', 'kernelUpgradeRollout', 'loanApproval', 'paymentOrchestration', 'proteomicsPipeline', 'videoEncoding'].map((n) => {
      const w = byName.get(n);
      return [n, `${w?.stats.states}/${w?.stats.transitions}`];
    }));
    expect(sizes).toMatchInlineSnapshot(`
      {
        "crossChainTransfer": "52/61",
        "kernelUpgradeRollout": "60/68",
        "loanApproval": "76/143",
        "paymentOrchestration": "25/30",
        "proteomicsPipeline": "133/167",
        "videoEncoding": "32/39",
      }
    `);
  });
});
