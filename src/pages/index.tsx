import type { ReactNode } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { outline } from '../outline';
import styles from './index.module.css';

function Hero(): ReactNode {
  return (
    <header className={styles.hero}>
      <div className="container">
        <p className={styles.kicker}>
          <Translate id="home.kicker">An interactive textbook on an OSDI 2022 paper</Translate>
        </p>
        <h1 className={styles.title}>
          <Translate id="home.title">Orbit: safe and efficient auxiliary execution</Translate>
        </h1>
        <p className={styles.lead}>
          <Translate id="home.lead">
            Applications run helpers beside their main work: deadlock detectors, watchdogs, statistics collectors. As
            threads they can crash the service; as processes they cannot see its state. Learn how an operating system
            can give them both safety and a view of the program, by reading the design, running a real orbit kernel in
            your browser, and measuring it yourself.
          </Translate>
        </p>
        <div className={styles.buttons}>
          <Link className="button button--primary button--lg" to="/book/auxiliary-tasks/">
            <Translate id="home.start">Start reading</Translate>
          </Link>
          <Link className="button button--secondary button--lg" to="/progress/">
            <Translate id="home.progress">Your progress</Translate>
          </Link>
        </div>
      </div>
    </header>
  );
}

function Facts(): ReactNode {
  return (
    <section className={styles.facts}>
      <div>
        <h2>
          <Translate id="home.learn.title">What you learn</Translate>
        </h2>
        <p>
          <Translate id="home.learn.body">
            Why auxiliary tasks exist, why threads and processes both fail them, and how the orbit abstraction gives a
            task a copy-on-write snapshot of the main program on every call and lets the main program decide which
            changes to apply.
          </Translate>
        </p>
      </div>
      <div>
        <h2>
          <Translate id="home.who.title">Who it is for</Translate>
        </h2>
        <p>
          <Translate id="home.who.body">
            Students and engineers who know C, processes, threads and virtual memory. No kernel hacking experience is
            needed, and nothing needs installing: the labs run a 32-bit Linux machine inside this page.
          </Translate>
        </p>
      </div>
      <div>
        <h2>
          <Translate id="home.build.title">What you will have built</Translate>
        </h2>
        <p>
          <Translate id="home.build.body">
            A deadlock detector ported from a thread to an orbit, a demonstration that its crashes no longer take the
            program down, and your own measurements of what that isolation costs.
          </Translate>
        </p>
      </div>
    </section>
  );
}

function CourseMap(): ReactNode {
  const { i18n } = useDocusaurusContext();
  const ja = i18n.currentLocale === 'ja';
  return (
    <section className={styles.map} aria-labelledby="course-map">
      <h2 id="course-map">
        <Translate id="home.map.title">Course map</Translate>
      </h2>
      <ol className={styles.parts}>
        {outline.map((part) => (
          <li key={part.title} className={styles.part}>
            <h3>{ja ? part.titleJa : part.title}</h3>
            <ul>
              {part.entries.map((e) => (
                <li key={e.title}>
                  {e.doc ? (
                    <Link to={`/book/${e.doc}/`}>{ja ? e.titleJa : e.title}</Link>
                  ) : (
                    <span className={styles.planned}>
                      {ja ? e.titleJa : e.title}{' '}
                      <small>
                        <Translate id="home.map.soon">coming soon</Translate>
                      </small>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function Home(): ReactNode {
  return (
    <Layout
      title={translate({ id: 'home.pageTitle', message: 'Safe and efficient auxiliary execution' })}
      description={translate({
        id: 'home.description',
        message:
          'An interactive textbook on the orbit abstraction (OSDI 2022): read it, run it and measure it in your browser.',
      })}
    >
      <Hero />
      <main className="container">
        <Facts />
        <CourseMap />
      </main>
    </Layout>
  );
}
