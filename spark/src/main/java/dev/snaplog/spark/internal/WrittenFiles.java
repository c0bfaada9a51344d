package dev.snaplog.spark.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/** What one write task sends back to the driver: the data files it completed (none for an empty task). */
record WrittenFiles(ArrayList<WrittenFile> files) implements WriterCommitMessage {
  private static final long serialVersionUID = 1L;

  static WrittenFiles of(List<WrittenFile> files) {
    return new WrittenFiles(new ArrayList<>(files));
  }

  /** The files of every message; Spark leaves a null for a task whose message it does not have. */
  static List<WrittenFile> all(WriterCommitMessage[] messages) {
    List<WrittenFile> out = new ArrayList<>();
    if (messages != null) {
      for (WriterCommitMessage m : messages) {
        if (m instanceof WrittenFiles w) {
          out.addAll(w.files());
        } else if (m instanceof WrittenDelta d) {
          out.addAll(d.files());
        }
      }
    }
    return out;
  }
}
