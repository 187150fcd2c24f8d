/**
 * The book's planned outline, the one source for the sidebar and the course
 * map on the landing page. An entry with `doc` is a written chapter; one
 * without is planned and shown as "coming soon", never as an empty page.
 */

export interface OutlineEntry {
  title: string;
  titleJa: string;
  /** Doc id of a written chapter. */
  doc?: string;
}

export interface OutlinePart {
  title: string;
  titleJa: string;
  entries: OutlineEntry[];
}

export const outline: OutlinePart[] = [
  {
    title: 'Part I: The problem and the idea',
    titleJa: '第 I 部: 問題とアイデア',
    entries: [
      { title: 'Lab 0: The playground', titleJa: 'ラボ 0: プレイグラウンド', doc: 'lab-playground' },
      { title: '1. Auxiliary tasks', titleJa: '1. 補助タスク', doc: 'auxiliary-tasks' },
      { title: '2. The isolation-observability dilemma', titleJa: '2. 分離性と観測性のジレンマ', doc: 'dilemma' },
      { title: '3. The orbit abstraction', titleJa: '3. orbit 抽象化', doc: 'orbit-abstraction' },
      { title: '4. Programming with orbits', titleJa: '4. orbit を使ったプログラミング', doc: 'programming' },
    ],
  },
  {
    title: 'Part II: Inside the orbit kernel',
    titleJa: '第 II 部: orbit カーネルの内部',
    entries: [
      {
        title: '5. Snapshots on i386 page tables',
        titleJa: '5. i386 ページテーブル上のスナップショット',
        doc: 'snapshots',
      },
      {
        title: '6. Tasks, queues, updates and commit',
        titleJa: '6. タスク、キュー、更新とコミット',
        doc: 'tasks-and-updates',
      },
      { title: '7. Containment and resource control', titleJa: '7. 障害の封じ込めと資源制御', doc: 'containment' },
      { title: 'Lab 2: Isolation under faults', titleJa: 'ラボ 2: 障害時の分離', doc: 'lab-isolation' },
    ],
  },
  {
    title: 'Part III: Orbits in practice',
    titleJa: '第 III 部: 実践の orbit',
    entries: [
      { title: '8. Case studies and porting', titleJa: '8. 事例研究と移植', doc: 'case-studies' },
      {
        title: 'Lab 1: Port a deadlock detector to an orbit',
        titleJa: 'ラボ 1: デッドロック検出器を orbit に移植する',
        doc: 'lab-deadlock',
      },
      { title: '9. What orbit costs and what it buys', titleJa: '9. orbit のコストと効果', doc: 'costs' },
      { title: 'Lab 3: Measuring the overhead', titleJa: 'ラボ 3: オーバーヘッドの測定', doc: 'lab-overhead' },
      { title: '10. Limitations and related work', titleJa: '10. 限界と関連研究', doc: 'limitations' },
    ],
  },
];

/** Doc ids outside the numbered parts, listed after them. */
export const backMatter = [
  'api-reference',
  'glossary',
  'bibliography',
  'instructors',
  'teaching/syllabus',
  'teaching/discussion',
  'teaching/verified-claims',
];
