import { NotBuiltView } from '../../components/not-built-view.tsx';

export function SearchPage() {
  return (
    <NotBuiltView
      title="Search"
      summary="Search log lines across log groups and streams."
      plans={[
        'Write queries in Vigil’s query language (free text, label filters, boolean operators) with errors pointed out as you type.',
        'Narrow to log groups and streams; the time range in the header sets the window.',
        'Page through results by cursor, with a clear note when a result is truncated or partial.',
        'Open a line with its labels and neighbouring lines, and share the search as a link.',
      ]}
    />
  );
}
