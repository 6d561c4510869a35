package io.github.sparkwheel.submit;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * How a {@link Submission} reaches the cluster and is followed to its end. The submission is the same whatever
 * carries it (the same layers, confs and environment); a transport says how it is sent and what came back.
 */
interface Transport {

    /**
     * What must happen before the submission is composed, since its URIs depend on it: checking the cluster and
     * staging the layers, where the process that submits cannot do it itself, or putting the files where Spark is to
     * find them.
     *
     * @param staged the layers to stage, or {@code null}
     * @param files the local files Spark is to get that are not staged (the runner, the wheelhouse, …)
     * @return how those files are named to Spark
     */
    Function<Path, String> prepare(SubmitRequest request, StagedSubmission staged, List<Path> files)
            throws UserError, IOException;

    /** Says what would be sent, secrets masked, and sends nothing (the dry run). */
    void describe(Submission submission) throws UserError, IOException;

    /**
     * Sends the submission and follows the application until it ends (or, with {@code <waitForCompletion>} off, until
     * YARN has it), within the request's timeout.
     *
     * @throws UserError when it failed before the cluster had an application, saying why in the user's terms
     */
    Outcome send(Submission submission) throws UserError, ProcessException, IOException;
}
