import MDXComponents from '@theme-original/MDXComponents';
import Quiz from '@site/src/components/Quiz';
import Hint from '@site/src/components/Hint';
import Solution from '@site/src/components/Solution';
import Listing from '@site/src/components/Listing';
import Lab from '@site/src/components/Lab';
import Measured from '@site/src/components/Measured';
import Defined from '@site/src/components/Defined';
import LabResults from '@site/src/components/LabResults';
import PageStates from '@site/src/components/PageStates';
import OverheadPlots from '@site/src/components/OverheadPlots';

/** The teaching components, registered once so every chapter can use them without imports. */
export default {
  ...MDXComponents,
  Quiz,
  Hint,
  Solution,
  Listing,
  Lab,
  Measured,
  Defined,
  LabResults,
  PageStates,
  OverheadPlots,
};
