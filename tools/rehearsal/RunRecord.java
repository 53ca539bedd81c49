package rehearsal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one rehearsed run did: every job instance (one per matrix slot) with every step and its
 * outcome, the jobs' results and outputs, and the run's summary (the GITHUB_STEP_SUMMARY text).
 */
public record RunRecord(String label, String runId, Path folder, List<JobRecord> jobs, Map<String, String> results,
                        String summary) {

    /** One step; {@code phase} is "main" or "post"; {@code outcome} success, failure or skipped. */
    public record StepRecord(String name, String phase, String uses, String run, String outcome, Path log) {
        public boolean runs(String script) {
            return run != null && run.contains(script);
        }
    }

    /** One job instance; {@code slot} names its matrix values ("" without a matrix). */
    public record JobRecord(String jobId, String displayName, String slot, String result, Path workspace,
                            List<StepRecord> steps, Map<String, String> outputs) {
        public Optional<StepRecord> step(String name) {
            return steps.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    }

    /** The aggregated result of a job (success, failure, cancelled or skipped); unknown ids throw. */
    public String result(String jobId) {
        String r = results.get(jobId);
        if (r == null) {
            throw new IllegalArgumentException("no job " + jobId + " in run " + label + " (jobs: " + results.keySet() + ")");
        }
        return r;
    }

    public List<JobRecord> instances(String jobId) {
        return jobs.stream().filter(j -> j.jobId().equals(jobId)).toList();
    }

    /** Every step, in every job, whose run: text calls {@code script} (for example scripts/ScrapeLib.java). */
    public List<StepRecord> stepsRunning(String script) {
        return jobs.stream().flatMap(j -> j.steps().stream()).filter(s -> s.runs(script)).toList();
    }

    /** The single instance of a job without a matrix, if it ran. */
    public Optional<JobRecord> job(String jobId) {
        List<JobRecord> found = instances(jobId);
        if (found.size() > 1) {
            throw new IllegalArgumentException(jobId + " has " + found.size() + " matrix instances");
        }
        return found.stream().findFirst();
    }
}
