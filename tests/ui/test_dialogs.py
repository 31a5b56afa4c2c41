"""ui.dialogs: the crash prompt names the applicant and the step and resumes only when asked; the
save dialog calls back only with a chosen path."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.dialogs import ResumePrompt, ask_save_path


def test_the_resume_prompt_says_who_and_where_and_resumes_only_on_yes(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    answers: list[str] = []
    prompt = ResumePrompt(parent, "BA-0042", "", "About you", "14:05",
                          on_resume=lambda: answers.append("resume"), on_decline=lambda: answers.append("no"))
    text = prompt.message.text()
    assert "Applicant BA-0042 was left open at the step \u201cAbout you\u201d" in text and "(at 14:05)" in text
    assert prompt.resume_button.text().replace("&", "") == "Resume BA-0042"
    prompt.open()
    prompt.decline_button.click()
    assert answers == ["no"]
    again = ResumePrompt(parent, "BA-0042", "", "About you", "", on_resume=lambda: answers.append("resume"),
                         on_decline=lambda: answers.append("no"))
    assert "(at " not in again.message.text()
    again.open()
    again.resume_button.click()
    assert answers == ["no", "resume"]


def test_the_save_dialog_calls_back_only_with_a_chosen_path(qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[str] = []
    dialog = ask_save_path(parent, "Save", str(tmp_path / "papers"), chosen.append, suffix="age")
    assert dialog.defaultSuffix() == "age" and dialog.isVisible()
    dialog.fileSelected.emit("")
    assert chosen == []
    dialog.fileSelected.emit(str(tmp_path / "papers.age"))
    assert chosen == [str(tmp_path / "papers.age")]
    dialog.reject()
